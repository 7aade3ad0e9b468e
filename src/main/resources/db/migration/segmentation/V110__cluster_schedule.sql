-- Need-cluster runs on a schedule (docs/segmentation.md, "Clusters", "On a schedule"): a run records what started it,
-- REQUEST (a user on the page or the API; started_by is the username) or SCHEDULE (crm.segmentation.clusters.schedule;
-- started_by is system). Runs before this migration were all asked for.
alter table need_cluster_run
    add column trigger text not null default 'REQUEST' check (trigger in ('REQUEST', 'SCHEDULE'));

-- One row per firing of the schedule that some instance handled: the slot (the cron time it fired for) is the key, so
-- a second instance firing for the same slot (clocks a little apart, or after the first run already ended) finds it
-- taken and starts nothing. STARTED names the run it started; SKIPPED names the run that was in progress (one run at a
-- time) and why. Written under the schedule's advisory lock (ClusterSchedule.LOCK_CLASS), as the nightly segment run.
create table need_cluster_schedule (
    scheduled_for  timestamptz primary key,
    outcome        text not null check (outcome in ('STARTED', 'SKIPPED')),
    run_id         bigint references need_cluster_run (id) on delete set null,  -- STARTED: the run started
    reason         text check (reason in ('RUN_IN_PROGRESS')),                  -- SKIPPED: why
    running_run_id bigint references need_cluster_run (id) on delete set null,  -- SKIPPED: the run in progress
    recorded_at    timestamptz not null,
    constraint need_cluster_schedule_reason check ((outcome = 'SKIPPED') = (reason is not null))
);
