-- Segmentation, second slice (docs/segmentation.md): three more dimensions — BEHAVIOUR (RFM), RISK and DYNAMIC —
-- and reasons stored as a message key with arguments (rendered in the reader's language). Rows written before keep
-- their text reason (reason_key null) and stay readable.
alter table segment_rule_set drop constraint segment_rule_set_dimension_check;
alter table segment_rule_set add constraint segment_rule_set_dimension_check
    check (dimension in ('VALUE','LIFE_STAGE','BEHAVIOUR','RISK','DYNAMIC'));
alter table segment_placement drop constraint segment_placement_dimension_check;
alter table segment_placement add constraint segment_placement_dimension_check
    check (dimension in ('VALUE','LIFE_STAGE','BEHAVIOUR','RISK','DYNAMIC'));

alter table segment_placement alter column reason drop not null;
alter table segment_placement add column reason_key text;
alter table segment_placement add column reason_args jsonb;
alter table segment_placement add constraint segment_placement_reason
    check (reason is not null or (reason_key is not null and jsonb_typeof(reason_args) = 'array'));

-- Default rule sets (configuration, not demo data); each is checked by its rules class when an analyst saves a new one.
insert into segment_rule_set (dimension, version, rules, created_at, created_by, active) values
('BEHAVIOUR', 1, '{
    "windowMonths": 12,
    "recencyDays": [30, 90, 180, 365],
    "frequency": [1, 2, 4, 8],
    "monetary": [2000, 5000, 20000, 100000],
    "segments": [
        {"segment": "ACTIVE",    "minR": 4, "minF": 3},
        {"segment": "CHURNED",   "maxR": 1},
        {"segment": "POTENTIAL"}]}', now(), 'system', true),
('RISK', 1, '{
    "claimYears": 3,
    "industry": {"建筑业": 3, "交通运输、仓储和邮政业": 3, "制造业": 2, "农、林、牧、渔业": 2, "住宿和餐饮业": 2,
                 "批发和零售业": 1, "房地产业": 1, "信息传输、软件和信息技术服务业": 0},
    "industryDefault": 1,
    "climate": {"TYPHOON_COAST": 2, "RAINY_SOUTH": 1, "COLD_NORTH": 1, "ARID_WEST": 1, "TEMPERATE": 0},
    "perPropertyClaim": 1,
    "perHealthClaim": 1,
    "claimPointsCap": 4,
    "levels": [
        {"segment": "RISK_LOW",    "from": 0, "to": 2},
        {"segment": "RISK_MEDIUM", "from": 2, "to": 4},
        {"segment": "RISK_HIGH",   "from": 4, "to": null}]}', now(), 'system', true),
('DYNAMIC', 1, '{
    "windowMonths": 24,
    "churnRiskMinLapses": 1,
    "contactMonths": 6,
    "contactMinBefore": 2,
    "contactDropRatio": 0.5,
    "loyalMinRenewals": 2}', now(), 'system', true);

