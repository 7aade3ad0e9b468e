package io.insurecrm.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.insurecrm.fixtures.SmallCellBook;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.security.StaffPrincipal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The what-if previews withhold small cells from analysts (docs/privacy.md section 7), on {@link SmallCellBook} as
 * in {@code SmallCellViewsTests} — committed here, since a preview runs on a thread of its own and reads committed rows
 * only.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SmallCellPreviewTests {

    private static final Duration LONG_ENOUGH = Duration.ofSeconds(60);

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired SegmentRecompute recompute;
    @Autowired SegmentPreviews previews;

    long branch;

    @BeforeEach
    void book() {
        branch = SmallCellBook.branch(jdbc, recompute, "小格预览");
    }

    RequestPostProcessor analyst() {
        return Staff.signedIn(new StaffPrincipal(-901L, "analyst-preview-" + branch, "{noop}x", "分析", Role.ANALYST, null,
                branch, true));
    }

    @Test
    void theWhatIfPreviewsWithholdSmallCellsFromAnalysts() throws Exception {
        // the active VALUE bands again: nobody moves; the matrix is the distribution on its diagonal
        String bands = "{\"bands\": [{\"segment\": \"POTENTIAL\", \"from\": 0, \"to\": 10000},"
                + " {\"segment\": \"MIDDLE\", \"from\": 10000, \"to\": 100000}, {\"segment\": \"HIGH\", \"from\": 100000, \"to\": null}]}";
        String location = mvc.perform(post("/api/segments/rules/value/preview").with(analyst())
                        .contentType(MediaType.APPLICATION_JSON).content(bands))
                .andReturn().getResponse().getHeader("Location");
        assertThat(previews.awaitIdle(LONG_ENOUGH)).isTrue();
        mvc.perform(get(location).with(analyst()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("DONE"))
                .andExpect(jsonPath("$.smallCellK").value(5))
                .andExpect(jsonPath("$.cells[?(@.from == 'POTENTIAL')].customers").value(contains(nullValue())))
                .andExpect(jsonPath("$.cells[?(@.from == 'HIGH')].customers").value(contains(nullValue())))
                .andExpect(jsonPath("$.cells[?(@.from == 'MIDDLE')].customers").value(contains(7)));

        String page = mvc.perform(post("/segments/rules/VALUE/preview").with(analyst()).with(csrf()).param("lang", "en")
                        .param("r.bands[1].segment", "POTENTIAL").param("r.bands[1].from", "0").param("r.bands[1].to", "10000")
                        .param("r.bands[2].segment", "MIDDLE").param("r.bands[2].from", "10000").param("r.bands[2].to", "100000")
                        .param("r.bands[3].segment", "HIGH").param("r.bands[3].from", "100000"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        if (!page.contains("id=\"preview-matrix\"")) {
            // still running after the second the page waits: follow it as the page's polling does
            Matcher polled = Pattern.compile("hx-get=\"([^\"]+)\"").matcher(page.substring(page.indexOf("preview-running")));
            assertThat(polled.find()).as("a running preview polls its state").isTrue();
            assertThat(previews.awaitIdle(LONG_ENOUGH)).isTrue();
            page = mvc.perform(get(polled.group(1)).with(analyst()).param("lang", "en"))
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        }
        assertThat(page).contains("id=\"preview-matrix\"").contains("&lt;5");
    }
}
