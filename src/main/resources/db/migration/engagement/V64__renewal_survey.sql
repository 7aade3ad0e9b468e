-- An NPS survey after a renewal (docs/engagement.md): the RENEWAL_SURVEY trigger fires on the policy module's
-- PolicyRenewed event, once per new term (occasion RENEWAL_SURVEY:p<new policy id>), like CLAIM_CARE after a claim.
alter table engagement_trigger drop constraint engagement_trigger_anchor_check;
alter table engagement_trigger add constraint engagement_trigger_anchor_check check (anchor in ('BIRTHDAY','POLICY_EXPIRY',
    'POLICY_ANNIVERSARY','ANNUAL_REVIEW','CLAIM_STATUS_CHANGED','CLAIM_SETTLED','HOUSEHOLD_MEMBER_ADDED','TIER_CHANGED',
    'POLICY_RENEWED','CONSULTATIONS_DROPPING','NO_RENEWAL_AFTER_CLAIM','NO_CONTACT'));

insert into engagement_template (code, locale, subject, body, updated_at, updated_by) values
 ('NPS_RENEWAL','zh-CN','续保满意度调查','{{customerName}}您好，感谢您续保{{policyNumber}}。您愿意把我们推荐给亲友吗？请打分0-10：{{link}}','2026-12-02 00:00+08','system'),
 ('NPS_RENEWAL','en','Renewal satisfaction survey','Dear {{customerName}}, thank you for renewing {{policyNumber}}. How likely are you to recommend us (0-10)? {{link}}','2026-12-02 00:00+08','system');

insert into engagement_trigger (code, kind, anchor, offset_days, parameter, create_task, task_kind, task_due_days,
                                template_code, channel, purpose, updated_at, updated_by) values
 ('RENEWAL_SURVEY','EVENT','POLICY_RENEWED',0,null,false,null,7,'NPS_RENEWAL','SMS','SERVICE','2026-12-02 00:00+08','system');
