/**
 * Engagement (自动化任务 / 服务场景, domain.md section 6): triggers kept as versioned data (date-relative, events and
 * signals) whose occasions fire once per customer and policy term; tasks for agents and advisors with due dates and
 * escalation ({@link io.insurecrm.engagement.EngagementTasks}); message templates in zh-CN and en, rendered in each
 * customer's language ({@link io.insurecrm.engagement.CustomerLanguages}); SMS, e-mail and app push behind one interface
 * ({@link io.insurecrm.engagement.MessageChannel}); a transactional outbox
 * ({@link io.insurecrm.engagement.EngagementMessages}) with retries, back-off, consent, quiet hours, frequency caps
 * and opt-outs; campaigns to a segment, a tag or a cross-sell target list with A/B variants and measured responses
 * ({@link io.insurecrm.engagement.Campaigns}); NPS surveys after claims and renewals. Reads the book with SQL; listens
 * to claim, policy and customer events. docs/engagement.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Engagement",
        allowedDependencies = {"platform", "privacy", "claim", "customer", "interaction", "loyalty", "policy",
                "segmentation", "crosssell", "product"})
package io.insurecrm.engagement;
