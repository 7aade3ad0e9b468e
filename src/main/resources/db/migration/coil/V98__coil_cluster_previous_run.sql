-- CoIL clusters followed from run to run, as need clusters are (segmentation/V97; docs/importing.md): each cluster
-- names the cluster of the previous FINISHED run sharing the most members and the share of its members that were in
-- it; null when there is none. coil_cluster_member keeps the members of the two latest finished runs.
alter table coil_cluster
    add column previous_cluster_no smallint check (previous_cluster_no between 1 and 12),
    add column carried_share float8 check (carried_share between 0 and 1),
    add constraint coil_cluster_carried check ((previous_cluster_no is null) = (carried_share is null));
