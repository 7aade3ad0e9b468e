-- The book's scores become one partition per scoring run (docs/cross-sell.md): a run fills a table of its own,
-- crosssell_score_r<run id>, over several connections, and is attached as the partition of its run id in one short
-- transaction together with its crosssell_score_run row; readers see the previous run until then, and a failed run
-- leaves it as it was. The scores of the latest run, if any, move into its partition.
alter table crosssell_score rename to crosssell_score_v70;

create table crosssell_score (
    customer_id  bigint not null,
    run_id       bigint not null,
    scores       real[] not null,
    holds        integer not null
) partition by list (run_id);

do $$
declare
    latest bigint;
begin
    select max(run_id) into latest from crosssell_score_v70;
    if latest is not null then
        execute format('create table crosssell_score_r%s (customer_id bigint not null, run_id bigint not null check (run_id = %s), '
                       'scores real[] not null, holds integer not null)', latest, latest);
        execute format('insert into crosssell_score_r%s select customer_id, run_id, scores, holds from crosssell_score_v70 '
                       'where run_id = %s', latest, latest);
        execute format('alter table crosssell_score_r%s add primary key (customer_id)', latest);
        execute format('alter table crosssell_score attach partition crosssell_score_r%s for values in (%s)', latest, latest);
    end if;
end $$;

drop table crosssell_score_v70;
