package com.educonsult.crm.web.settings;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The settings area's front page: the sections the signed-in person may change, with what each holds. */
@Controller
class SettingsController {

    @GetMapping("/settings")
    @RequiresPermission("profile:manage")
    String index() {
        if (SettingsSections.visibleTo(Authenticated.user()).isEmpty()) {
            throw ApiException.forbidden("Your role may not change any setting of the organization.");
        }
        return "settings/index";
    }
}
