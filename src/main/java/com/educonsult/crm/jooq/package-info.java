/**
 * jOOQ classes generated at build time from the Flyway migrations. Open to every module: each module
 * reads and writes only the tables it owns.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package com.educonsult.crm.jooq;

import org.springframework.modulith.ApplicationModule;
