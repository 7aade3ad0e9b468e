-- The property-line contribution score (domain.md §3) as part of the VALUE rules: a new VALUE version with the active
-- bands and a propertyContribution (docs/segmentation.md, "Property-line contribution score"). A customer every active
-- policy of whom is of a property product (product.category = 'PROPERTY') is placed by the score; the others keep the
-- premium bands. The changed active rule set makes the next nightly run a whole-book run.
insert into segment_rule_set (dimension, version, rules, created_at, created_by, active)
select 'VALUE', (select max(version) + 1 from segment_rule_set where dimension = 'VALUE'),
       rules || '{"propertyContribution": {
           "premiumWeight": 40, "premiumFull": 50000,
           "renewalWeight": 35, "renewalYears": 3, "renewalNoHistory": 0.5,
           "claimWeight": 25, "claimYears": 3, "claimsZero": 3,
           "bands": [
               {"segment": "POTENTIAL", "from": 0,  "to": 50},
               {"segment": "MIDDLE",    "from": 50, "to": 75},
               {"segment": "HIGH",      "from": 75, "to": null}]}}'::jsonb,
       now(), 'system', false
  from segment_rule_set
 where dimension = 'VALUE' and active;

update segment_rule_set set active = false where dimension = 'VALUE' and active;
update segment_rule_set set active = true
 where dimension = 'VALUE' and version = (select max(version) from segment_rule_set where dimension = 'VALUE');
