-- Need-cluster members are written 1M at a time by one INSERT … SELECT (docs/segmentation.md, "Clusters"). Their
-- foreign key to need_cluster checked each row with a query of its own: a quarter of the assignment on the 1M book
-- (docs/benchmarks.md, "Need clusters on the 1M book"). As V78 did for placements, the same guarantees are kept per
-- statement, set-based: members naming a cluster that does not exist are refused (the statement fails with
-- foreign_key_violation, nothing is written), and deleting clusters (a run deleted: need_cluster cascades from
-- need_cluster_run) deletes their members; truncating need_cluster empties the members too.

alter table need_cluster_member drop constraint need_cluster_member_run_id_cluster_no_fkey;

create function need_cluster_members_name_clusters() returns trigger language plpgsql as $$
declare
    missing text;
begin
    select format('run %s, cluster %s', n.run_id, n.cluster_no) into missing
      from written n
     where not exists (select 1 from need_cluster c where c.run_id = n.run_id and c.cluster_no = n.cluster_no)
     limit 1;
    if missing is not null then
        raise exception 'need_cluster_member refers to a cluster that does not exist: %', missing
            using errcode = 'foreign_key_violation';
    end if;
    return null;
end
$$;
create trigger need_cluster_member_inserted_refer after insert on need_cluster_member
    referencing new table as written for each statement execute function need_cluster_members_name_clusters();
create trigger need_cluster_member_updated_refer after update on need_cluster_member
    referencing new table as written for each statement execute function need_cluster_members_name_clusters();

-- what "on delete cascade" did
create function need_cluster_deleted_members() returns trigger language plpgsql as $$
begin
    delete from need_cluster_member m using gone g where m.run_id = g.run_id and m.cluster_no = g.cluster_no;
    return null;
end
$$;
create trigger need_cluster_deleted_members after delete on need_cluster
    referencing old table as gone for each statement execute function need_cluster_deleted_members();

-- what "truncate need_cluster … cascade" did
create function need_cluster_truncated_members() returns trigger language plpgsql as $$
begin
    delete from need_cluster_member;
    return null;
end
$$;
create trigger need_cluster_truncated_members after truncate on need_cluster
    for each statement execute function need_cluster_truncated_members();
