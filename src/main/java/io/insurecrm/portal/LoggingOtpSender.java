package io.insurecrm.portal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The demo sender: the code appears in the application log, nowhere else. */
@Component
class LoggingOtpSender implements OtpSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingOtpSender.class);

    @Override
    public void send(String phone, String code) {
        log.info("Portal sign-in code for {}: {}", phone, code);
    }
}
