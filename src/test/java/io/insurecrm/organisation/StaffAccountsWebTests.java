package io.insurecrm.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.privacy.AuditQuery;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Staff accounts end to end: the administrators' page and API open accounts with a temporary password (problems named
 * by field, in both languages), reset it, disable and enable; the owner of a temporary password is sent to the
 * password page from every other page until he has chosen his own; every change is in the access audit.
 */
@SpringBootTest
@AutoConfigureMockMvc
class StaffAccountsWebTests {

    static final String TEMPORARY = "Temp-Harbour-2026";
    static final String OWN = "Own-Lighthouse-77";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired StaffAccounts accounts;
    @Autowired StaffUsers users;
    @Autowired PasswordEncoder passwords;
    @Autowired AccessAudit audit;

    @Test
    void theAdministratorOpensAnAccountOnThePageWithProblemsNamedByFieldInBothLanguages() throws Exception {
        String username = BookFixtures.unique("ana");
        mvc.perform(get("/admin/staff").with(Staff.admin()).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("员工账户")))
                .andExpect(content().string(containsString("id=\"staff-new\"")));
        mvc.perform(post("/admin/staff").with(Staff.admin()).with(csrf()).locale(Locale.SIMPLIFIED_CHINESE)
                        .param("username", "a b").param("displayName", "李分析").param("role", "ANALYST").param("password", TEMPORARY))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("用户名：用户名须为 3–40 个字母、数字或 . _ -")))
                .andExpect(content().string(containsString("value=\"李分析\"")));
        mvc.perform(post("/admin/staff").with(Staff.admin()).with(csrf()).param("lang", "en")
                        .param("username", username).param("displayName", "Agent Li").param("role", "AGENT").param("password", TEMPORARY))
                .andExpect(content().string(containsString("Agent number (agents, advisors): An account with the role AGENT needs the number of the agent it works as")));
        mvc.perform(post("/admin/staff").with(Staff.admin()).with(csrf()).param("lang", "en")
                        .param("username", username).param("displayName", "Li").param("role", "ANALYST").param("password", "short"))
                .andExpect(content().string(containsString("Temporary password: A password needs at least 10 characters")));
        assertThat(users.findByUsername(username)).as("nothing opened on a problem").isEmpty();

        mvc.perform(post("/admin/staff").with(Staff.admin()).with(csrf()).param("lang", "en")
                        .param("username", username).param("displayName", "李分析").param("role", "ANALYST").param("password", TEMPORARY))
                .andExpect(redirectedUrl("/admin/staff?q=" + username))
                .andExpect(flash().attribute("done", containsString("Account " + username + " opened")));
        StaffUser opened = users.findByUsername(username).orElseThrow();
        assertThat(opened.isPasswordChangeRequired()).isTrue();
        assertThat(passwords.matches(TEMPORARY, opened.getPasswordHash())).isTrue();
        mvc.perform(get("/admin/staff").with(Staff.admin()).param("q", username).param("lang", "en"))
                .andExpect(content().string(containsString("data-username=\"" + username + "\"")))
                .andExpect(content().string(containsString("Must change password")))
                .andExpect(content().string(containsString("1 accounts")));
        mvc.perform(post("/admin/staff").with(Staff.admin()).with(csrf()).param("lang", "en")
                        .param("username", username).param("displayName", "again").param("role", "ANALYST").param("password", TEMPORARY))
                .andExpect(content().string(containsString("Username: The username " + username + " is taken")));

        mvc.perform(post("/admin/staff/{id}/password", opened.getId()).with(Staff.admin()).with(csrf()).param("lang", "en")
                        .param("password", "password"))
                .andExpect(content().string(containsString("Temporary password: A password needs at least 10 characters")));
        mvc.perform(post("/admin/staff/{id}/enabled", opened.getId()).with(Staff.admin()).with(csrf()).param("enabled", "false"))
                .andExpect(redirectedUrl("/admin/staff"));
        assertThat(users.findByUsername(username).orElseThrow().isEnabled()).isFalse();
        mvc.perform(formLogin("/login").user(username).password(TEMPORARY)).andExpect(unauthenticated());
        mvc.perform(post("/admin/staff/{id}/enabled", opened.getId()).with(Staff.admin()).with(csrf()).param("enabled", "true"))
                .andExpect(redirectedUrl("/admin/staff"));
        mvc.perform(get("/admin/staff").with(Staff.analyst())).andExpect(status().isForbidden());

        assertThat(audit.search(new AuditQuery(null, null, AuditAction.STAFF_ACCOUNT, null, null, 0, 200)).content())
                .extracting(e -> e.reason())
                .contains("account " + username + " opened as ANALYST; temporary password", "account " + username + " disabled",
                        "account " + username + " enabled");
        assertThatThrownBy(() -> accounts.enable(opened.getId(), false, username))
                .isInstanceOfSatisfying(FieldRuleViolation.class, e -> assertThat(e.messageKey()).isEqualTo("staff.disable.self"));
    }

    @Test
    void aTemporaryPasswordLeadsToThePasswordPageUntilItsOwnerChoosesHisOwn() throws Exception {
        String username = BookFixtures.unique("temp");
        long id = accounts.open(username, TEMPORARY, "临时密码", io.insurecrm.platform.security.Role.ANALYST, null, null);
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").user(username).password(TEMPORARY))
                .andExpect(authenticated()).andReturn().getRequest().getSession();

        mvc.perform(get("/segments").session(session)).andExpect(redirectedUrl("/account/password"));
        // an htmx fragment request is told to load the password page whole, not given it to swap into a fragment
        mvc.perform(get("/segments/recompute/progress").session(session).header("HX-Request", "true"))
                .andExpect(status().isNoContent())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("HX-Redirect", "/account/password"));
        mvc.perform(get("/account/password").session(session).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("管理员为您设置了临时密码")));
        mvc.perform(post("/account/password").session(session).with(csrf()).param("lang", "en")
                        .param("currentPassword", TEMPORARY).param("password", OWN).param("repeatPassword", OWN + "x"))
                .andExpect(content().string(containsString("New password again: The two new passwords differ")));
        mvc.perform(post("/account/password").session(session).with(csrf()).param("lang", "en")
                        .param("currentPassword", "not-it").param("password", OWN).param("repeatPassword", OWN))
                .andExpect(content().string(containsString("Current password: The current password is wrong")));
        mvc.perform(post("/account/password").session(session).with(csrf()).locale(Locale.SIMPLIFIED_CHINESE)
                        .param("currentPassword", TEMPORARY).param("password", TEMPORARY).param("repeatPassword", TEMPORARY))
                .andExpect(content().string(containsString("新密码：新密码不能与当前密码相同")));
        mvc.perform(get("/segments").session(session)).andExpect(redirectedUrl("/account/password"));

        mvc.perform(post("/account/password").session(session).with(csrf())
                        .param("currentPassword", TEMPORARY).param("password", OWN).param("repeatPassword", OWN))
                .andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/segments").session(session)).andExpect(status().isOk());
        assertThat(users.findById(id).orElseThrow().isPasswordChangeRequired()).isFalse();
        mvc.perform(formLogin("/login").user(username).password(OWN)).andExpect(authenticated());
        assertThat(audit.search(new AuditQuery(username, null, AuditAction.STAFF_ACCOUNT, null, null, 0, 50)).content())
                .extracting(e -> e.reason()).containsExactly("own password changed");

        // an administrator's reset makes it temporary again
        accounts.resetPassword(id, TEMPORARY + "!");
        MockHttpSession again = (MockHttpSession) mvc.perform(formLogin("/login").user(username).password(TEMPORARY + "!"))
                .andExpect(authenticated()).andReturn().getRequest().getSession();
        mvc.perform(get("/segments").session(again)).andExpect(redirectedUrl("/account/password"));
    }

    @Test
    void theApiOpensListsResetsAndDisablesAccountsForAdministratorsOnly() throws Exception {
        String username = BookFixtures.unique("api");
        BookFixtures book = new BookFixtures(jdbc);
        long branch = book.branch("33");
        mvc.perform(post("/api/admin/staff").with(Staff.admin()).param("lang", "en").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\": \"" + username + "\", \"displayName\": \"王经理\", \"role\": \"BRANCH_MANAGER\", "
                                + "\"password\": \"" + TEMPORARY + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("branchId"))
                .andExpect(jsonPath("$.errors[0].message").value("A branch manager needs a branch"));
        String created = mvc.perform(post("/api/admin/staff").with(Staff.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\": \"" + username + "\", \"displayName\": \"王经理\", \"role\": \"BRANCH_MANAGER\", "
                                + "\"branchId\": " + branch + ", \"password\": \"" + TEMPORARY + "\"}"))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(created.replaceAll("\\D", ""));
        mvc.perform(get("/api/admin/staff").with(Staff.admin()).param("q", username))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.content[0].id").value(id))
                .andExpect(jsonPath("$.content[0].role").value("BRANCH_MANAGER"))
                .andExpect(jsonPath("$.content[0].branchId").value(branch))
                .andExpect(jsonPath("$.content[0].passwordChangeRequired").value(true))
                .andExpect(content().string(not(containsString("password_hash"))))
                .andExpect(content().string(not(containsString("$2a$"))));
        mvc.perform(post("/api/admin/staff/{id}/password", id).with(Staff.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"password\": \"abc\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("password"));
        mvc.perform(post("/api/admin/staff/{id}/password", id + 1_000_000).with(Staff.admin()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"password\": \"" + TEMPORARY + "\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(put("/api/admin/staff/{id}/enabled", id).with(Staff.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"enabled\": false}"))
                .andExpect(status().isNoContent());
        mvc.perform(put("/api/admin/staff/{id}/enabled", id).with(Staff.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("enabled"));
        assertThat(users.findById(id).orElseThrow().isEnabled()).isFalse();
        mvc.perform(get("/api/admin/staff").with(Staff.as(io.insurecrm.platform.security.Role.BRANCH_MANAGER, null, branch)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/admin/staff").with(Staff.agent(1L)).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aLockedAccountIsShownWithItsEndAndTheAdministratorUnlocksIt() throws Exception {
        String username = BookFixtures.unique("locked");
        long id = accounts.open(username, TEMPORARY, "锁定", io.insurecrm.platform.security.Role.ANALYST, null, null);
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin("/login").user(username).password("wrong-" + i)).andExpect(unauthenticated());
        }
        mvc.perform(formLogin("/login").user(username).password(TEMPORARY)).andExpect(unauthenticated());
        mvc.perform(get("/admin/staff").with(Staff.admin()).param("q", username).param("lang", "en"))
                .andExpect(content().string(containsString("id=\"locked-" + id + "\"")))
                .andExpect(content().string(containsString("Sign-in locked until 20")))
                .andExpect(content().string(containsString("id=\"unlock-" + id + "\"")));
        mvc.perform(get("/api/admin/staff").with(Staff.admin()).param("q", username))
                .andExpect(jsonPath("$.content[0].lockedUntil").isNotEmpty());

        mvc.perform(post("/admin/staff/{id}/unlock", id).with(Staff.admin()).with(csrf()).param("lang", "en"))
                .andExpect(redirectedUrl("/admin/staff"))
                .andExpect(flash().attribute("done", "Account " + username + " unlocked."));
        mvc.perform(formLogin("/login").user(username).password(TEMPORARY)).andExpect(authenticated());
        mvc.perform(get("/admin/staff").with(Staff.admin()).param("q", username))
                .andExpect(content().string(not(containsString("id=\"locked-" + id + "\""))));
        mvc.perform(post("/api/admin/staff/{id}/unlock", id).with(Staff.admin()).param("lang", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("Account " + username + " is not locked"));
        assertThat(audit.search(new AuditQuery(null, null, AuditAction.STAFF_ACCOUNT, null, null, 0, 200)).content())
                .extracting(e -> e.reason()).contains("account " + username + " unlocked");
        // the failures before the unlock stay in the trail
        assertThat(audit.search(new AuditQuery(username, null, AuditAction.LOGIN_FAILED, null, null, 0, 50)).total()).isEqualTo(5);
    }
}
