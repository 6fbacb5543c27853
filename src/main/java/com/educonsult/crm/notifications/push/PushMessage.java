package com.educonsult.crm.notifications.push;

import java.util.Map;

/** One push: what the phone shows, and the data the app reads (every value a string, as FCM requires). */
record PushMessage(String title, String body, String priority, Map<String, String> data) {
}
