package io.insurecrm.importing;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Maps the usual bank headers in the default {@code customers} profile (created by migration V20, which runs after
 * the bank columns' migration V15 on a new database, so V15 cannot add them). At start, headers the profile does not
 * map yet are added; a header already mapped keeps its field, so running it again changes nothing.
 */
@Component
class BankAccountImportMapping implements SmartInitializingSingleton {

    static final String HEADERS = """
            {"开户银行": "bankName", "开户行": "bankName", "bank_name": "bankName", "bank": "bankName",
             "银行账号": "bankAccount", "银行卡号": "bankAccount", "缴费账号": "bankAccount", "bank_account": "bankAccount",
             "account_number": "bankAccount"}""";

    private final JdbcClient jdbc;

    BankAccountImportMapping(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterSingletonsInstantiated() {
        // the profile's own entries win (|| keeps the right-hand value of a key in both)
        jdbc.sql("""
                        update import_profile set mapping = cast(:headers as jsonb) || mapping
                         where name = 'customers' and not (mapping @> cast(:headers as jsonb))
                           and mapping <> cast(:headers as jsonb) || mapping""")
                .param("headers", HEADERS).update();
    }
}
