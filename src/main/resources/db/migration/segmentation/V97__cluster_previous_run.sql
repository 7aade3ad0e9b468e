-- Clusters followed from run to run (docs/segmentation.md, "Clusters"; docs/importing.md for the CoIL book): when a run
-- finishes, each of its clusters names the cluster of the previous FINISHED run sharing the most members
-- (previous_cluster_no, ties to the lower number) and the share of its members that were in that cluster
-- (carried_share, 0-1). Both are null when there is no previous finished run or no member in common; runs finished
-- before this migration keep null. The member table keeps the members of the two latest finished runs, which is all
-- the match reads. The CoIL clusters get the same columns in coil/V98.
alter table need_cluster
    add column previous_cluster_no smallint check (previous_cluster_no between 1 and 12),
    add column carried_share float8 check (carried_share between 0 and 1),
    add constraint need_cluster_carried check ((previous_cluster_no is null) = (carried_share is null));
