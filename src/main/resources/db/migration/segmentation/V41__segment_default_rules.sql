-- The default rule sets of domain.md §3 (configuration, not demo data). Amounts are CNY of annual premium of the
-- customer's ACTIVE policies as holder; a band holds on [from, to), to null = no upper bound.
insert into segment_rule_set (dimension, version, rules, created_at, created_by, active) values
('VALUE', 1, '{"bands": [
    {"segment": "POTENTIAL", "from": 0,      "to": 10000},
    {"segment": "MIDDLE",    "from": 10000,  "to": 100000},
    {"segment": "HIGH",      "from": 100000, "to": null}]}', now(), 'system', true),
('LIFE_STAGE', 1, '{"youngUnder": 35, "seniorFrom": 60, "smallChildUnder": 6}', now(), 'system', true);
