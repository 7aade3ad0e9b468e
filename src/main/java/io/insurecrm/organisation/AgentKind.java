package io.insurecrm.organisation;

/** A sales agent (代理人) or a dedicated advisor (专属顾问) who services customers. */
public enum AgentKind { AGENT, ADVISOR }
