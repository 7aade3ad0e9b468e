package io.insurecrm.privacy.crypto;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar insurecrm.jar --crm.crypto.reencrypt=true --crm.demo.customers=0 --server.port=0}: moves every
 * encrypted value to the active key (and encrypts clear ones), printing progress; exits 0 when every value is under
 * the active key, 1 otherwise. Safe to interrupt and run again; a run with nothing to do changes nothing.
 */
@Component
@ConditionalOnBooleanProperty("crm.crypto.reencrypt")
class ReencryptCommand implements ApplicationRunner {

    private final FieldReencryption batch;
    private final ConfigurableApplicationContext context;

    ReencryptCommand(FieldReencryption batch, ConfigurableApplicationContext context) {
        this.batch = batch;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        int code;
        try {
            long[] shown = {-1};
            batch.run(FieldReencryption.Scope.ALL, run -> {
                if (run.done() / 10_000 != shown[0] / 10_000 || !run.running()) {
                    shown[0] = run.done();
                    System.out.printf("RE-ENCRYPTION to key %s: %d of %d%n", run.activeKey(), run.done(), run.toDoAtStart());
                }
            });
            long left = batch.status().stream().mapToLong(FieldReencryption.ColumnStatus::toDo).sum();
            System.out.println(left == 0 ? "RE-ENCRYPTION DONE: every value is under key " + batch.activeKey()
                    : "RE-ENCRYPTION INCOMPLETE: " + left + " values are not under key " + batch.activeKey() + "; run again");
            code = left == 0 ? 0 : 1;
        } catch (RuntimeException e) {
            System.out.println("RE-ENCRYPTION FAILED: " + e.getMessage());
            code = 1;
        }
        int exit = code;
        System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> exit));
    }
}
