package io.insurecrm.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The command line that generates a book into the configured database and exits:
 * {@code java -jar insurecrm.jar --server.port=0 --crm.generate.customers=1000000} (the web server starts on a free port
 * and stops with the application; the security configuration needs a web application, so it cannot be switched off).
 *
 * @param customers customers to generate; when set (> 0) the application generates, loads and exits
 * @param seed the seed, {@code crm.demo.seed} when not given
 * @param replace empty the book tables first (customers, policies, claims, interactions, households, agents, branches,
 *                products, staff users) instead of refusing to load into a database that has customers
 * @param benchDir when set, also dump the same rows to files in this folder and time a plain COPY of them into empty
 *                 copies of the tables, for comparison
 */
@ConfigurationProperties("crm.generate")
public record GenerateSettings(Integer customers, Long seed, boolean replace, String benchDir) {

    public boolean requested() {
        return customers != null && customers > 0;
    }
}
