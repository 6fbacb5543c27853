package com.educonsult.crm.identity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A user's settings of the Android app, kept with their preferences (under {@code app}) so they follow the user
 * to a new phone. In a save, absent fields stay as they are.
 *
 * @param syncCallLogs whether the phone's call log is synced
 * @param uploadRecordings whether call recordings found on the phone are uploaded
 * @param uploadOnWifiOnly whether recordings wait for Wi-Fi
 * @param showCallerPopup whether the lead is shown on an incoming call
 * @param recordingPath the folder the phone's recorder writes to, when the user chose one
 * @param simSlots the SIM slots whose calls are tracked (1, 2)
 * @param syncIntervalMinutes how often the app syncs in the background
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
record AppPreferences(
        Boolean syncCallLogs,
        Boolean uploadRecordings,
        Boolean uploadOnWifiOnly,
        Boolean showCallerPopup,
        @Size(max = 500) String recordingPath,
        @Size(max = 2) List<@NotNull @Min(1) @Max(2) Integer> simSlots,
        @Min(5) @Max(1440) Integer syncIntervalMinutes) {

    static final AppPreferences NONE = new AppPreferences(null, null, null, null, null, null, null);

    /** These settings with the given changes applied: a field given replaces the stored one. */
    AppPreferences with(AppPreferences changes) {
        return new AppPreferences(
                pick(changes.syncCallLogs, syncCallLogs),
                pick(changes.uploadRecordings, uploadRecordings),
                pick(changes.uploadOnWifiOnly, uploadOnWifiOnly),
                pick(changes.showCallerPopup, showCallerPopup),
                pick(changes.recordingPath, recordingPath),
                pick(changes.simSlots, simSlots),
                pick(changes.syncIntervalMinutes, syncIntervalMinutes));
    }

    private static <T> T pick(T change, T stored) {
        return change != null ? change : stored;
    }
}
