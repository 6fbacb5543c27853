package com.educonsult.crm.web.settings;

import com.educonsult.crm.platform.security.Authenticated;
import java.util.List;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every settings page shows beside its own content: the sections the signed-in person may open. */
@ControllerAdvice(basePackageClasses = SettingsFrame.class)
class SettingsFrame {

    @ModelAttribute("settingsSections")
    List<SettingsSections.Section> sections() {
        return Authenticated.current().map(SettingsSections::visibleTo).orElse(List.of());
    }
}
