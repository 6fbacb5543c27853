package com.educonsult.crm.leads;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job of a lead import: one db-scheduler execution per import (instance id the import's id, data its
 * organization), run once across nodes; a run that dies is revived and continues after the last committed batch.
 */
@Configuration(proxyBeanMethods = false)
class ImportJob {

    static final String TASK = "lead-import";

    @Bean
    OneTimeTask<String> leadImportTask(ImportProcessing processing) {
        return Tasks.oneTime(TASK, String.class).execute((instance, context) ->
                processing.run(UUID.fromString(instance.getData()), UUID.fromString(instance.getId())));
    }
}
