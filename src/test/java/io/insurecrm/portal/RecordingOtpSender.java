package io.insurecrm.portal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The test bean that receives sign-in codes: every Spring Boot test context scans it (it is on the test class path
 * under io.insurecrm) and, being primary, it replaces the logging sender; tests read the last code per phone.
 */
@Component
@Primary
public class RecordingOtpSender implements OtpSender {

    private final Map<String, String> lastCodes = new ConcurrentHashMap<>();

    @Override
    public void send(String phone, String code) {
        lastCodes.put(phone, code);
    }

    public String lastCode(String phone) {
        String code = lastCodes.get(phone);
        if (code == null) {
            throw new IllegalStateException("no code was sent to " + phone);
        }
        return code;
    }

    public boolean sentTo(String phone) {
        return lastCodes.containsKey(phone);
    }
}
