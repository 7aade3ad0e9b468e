-- A rule set's reason may be shown through a message key (reason_key), so a seed written by a migration reads in the
-- reader's language; the text in reason stays as written. Version 1 of the value bands (V99) gets its key here.
alter table coil_value_band_rule_set add column reason_key text;
update coil_value_band_rule_set set reason_key = 'coil.bands.seedReason'
 where version = 1 and created_by = 'system' and reason = 'The bounds CoilValueBand had as constants';
