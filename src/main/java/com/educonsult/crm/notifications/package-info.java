/**
 * Notifications: what staff are told, in the app (the console's bell and the phone app's list), by push to their
 * phones and by email, each user choosing per kind and keeping quiet hours. The root holds the public API (the
 * notifications of a user, sending one or a broadcast, preferences, and {@link
 * com.educonsult.crm.notifications.Notifier} through which the triggers write them); {@code push} sends the
 * deliveries (FCM HTTP v1, email through the message gateway) and {@code triggers} turns what happens to leads,
 * tasks, stages and recordings into notifications.
 */
package com.educonsult.crm.notifications;
