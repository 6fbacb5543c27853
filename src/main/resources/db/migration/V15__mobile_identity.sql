-- The Android app registers a user into an existing organization after verifying the phone by a one-time code
-- (seed 01): the consumed code is the server-side record of that verification, and a registration redeems it once.
alter table otp_codes add column redeemed_at timestamptz;
