/** Administration views: the audit log and the messages recorded by the recording adapters. */
package com.educonsult.crm.admin;
