package io.insurecrm.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo book loaded at start-up.
 *
 * @param customers customers to generate when the customer table is empty; 0 turns the demo book off
 * @param seed the generator's seed: the same seed and size give the same book
 * @param staffUsers whether to make sure the demo sign-ins exist (admin, analyst, compliance, manager, agent, advisor)
 * @param loadCoil whether a freshly loaded demo also loads the CoIL 2000 book from {@code crm.coil.dir}
 */
@ConfigurationProperties("crm.demo")
public record DemoSettings(@DefaultValue("0") int customers, @DefaultValue("20261122") long seed,
                           @DefaultValue("true") boolean staffUsers, @DefaultValue("true") boolean loadCoil) {
}
