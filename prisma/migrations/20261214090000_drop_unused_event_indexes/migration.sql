-- Every append pays for each index on events (issue 10). These two served no
-- read: filters by event type or app version always come with an account (the
-- account index answers them), and finding the accounts one deployment wrote
-- is the timeline read model's job (rm_timeline_app_version_idx).
DROP INDEX IF EXISTS "events_type_idx";
DROP INDEX IF EXISTS "events_app_version_idx";
