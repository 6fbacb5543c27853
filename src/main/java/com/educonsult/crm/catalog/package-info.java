/**
 * The catalogue students choose from: countries (the ISO list, shared by every organization), and each
 * organization's institutions and their courses with levels, fees, intakes and deadlines. Ranks courses
 * against a lead's interests, countries, institutions, budget and intake.
 */
package com.educonsult.crm.catalog;
