package io.insurecrm.importing.web;

import io.insurecrm.fixtures.Staff;
import io.insurecrm.importing.ImportJob;
import io.insurecrm.importing.ImportJobNotFound;
import io.insurecrm.importing.ImportManagement;
import io.insurecrm.importing.ImportStatus;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.security.SecurityConfiguration;
import io.insurecrm.platform.web.IllegalStateTransitionException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest({ImportPages.class, ImportApi.class})
@Import(SecurityConfiguration.class)
class ImportWebTests {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    ImportManagement imports;

    static ImportJob job(long id, ImportStatus status) {
        return new ImportJob(id, "CUSTOMER", "customers", "book.csv", "CSV", "UTF-8", "ab".repeat(32), 120, status, null, null,
                3, 1, 1, 1, 0, 0, 0, 1000, 1, 0, "admin", null, Instant.parse("2026-11-22T00:00:00Z"), null, null);
    }

    @Test
    void theUploadFormWithoutAFileShowsAFieldErrorAndImportsNothing() throws Exception {
        mvc.perform(multipart("/imports").param("profile", "customers").param("encoding", "AUTO")
                        .with(Staff.admin()).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(view().name("importing/list"))
                .andExpect(model().attributeHasFieldErrorCode("form", "file", "import.file.required"));
        verify(imports, never()).upload(any(), any(), any(), any(), any());
    }

    @Test
    void anUnknownEncodingIsAFieldError() throws Exception {
        mvc.perform(multipart("/imports").file(new MockMultipartFile("file", "a.csv", "text/csv", "a,b\n1,2\n".getBytes()))
                        .param("profile", "customers").param("encoding", "LATIN-1")
                        .with(Staff.admin()).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("form", "encoding"));
        verify(imports, never()).upload(any(), any(), any(), any(), any());
    }

    @Test
    void aGoodUploadRedirectsToTheJobAndHtmxIsToldWhere() throws Exception {
        when(imports.upload(eq("a.csv"), any(), eq("customers"), eq("AUTO"), any())).thenReturn(job(7, ImportStatus.VALIDATED));
        mvc.perform(multipart("/imports").file(new MockMultipartFile("file", "a.csv", "text/csv", "a,b\n1,2\n".getBytes()))
                        .param("profile", "customers").param("encoding", "AUTO").header("HX-Request", "true")
                        .with(Staff.as(Role.BRANCH_MANAGER, null, 3L)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(header().string("HX-Redirect", "/imports/7"));
        mvc.perform(multipart("/imports").file(new MockMultipartFile("file", "a.csv", "text/csv", "a,b\n1,2\n".getBytes()))
                        .param("profile", "customers").param("encoding", "AUTO")
                        .with(Staff.as(Role.BRANCH_MANAGER, null, 3L)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(view().name("redirect:/imports/7"));
    }

    @Test
    void agentsAndAnalystsMayNotImport() throws Exception {
        mvc.perform(get("/imports").with(Staff.agent(7L))).andExpect(status().isForbidden());
        mvc.perform(get("/api/imports").with(Staff.analyst())).andExpect(status().isForbidden());
    }

    @Test
    void theJobPageShowsTheCountsAndTheInvalidRows() throws Exception {
        when(imports.job(eq(7L), any())).thenReturn(job(7, ImportStatus.VALIDATED));
        when(imports.errors(eq(7L), eq(0), eq(50), any())).thenReturn(new io.insurecrm.platform.web.Paged<>(
                List.of(new io.insurecrm.importing.ImportRowError(3, "手机号", "123", "import.error.phone", null)), 0, 50, 1));
        when(imports.reasonText(any(), any())).thenReturn("电话无效");
        when(imports.earlierCommitOfSameFile(any())).thenReturn(java.util.Optional.empty());
        mvc.perform(get("/imports/7").with(Staff.admin()))
                .andExpect(status().isOk())
                .andExpect(view().name("importing/job"))
                .andExpect(model().attributeExists("job", "errors"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("电话无效")));
    }

    @Test
    void theApiAnswersProblems() throws Exception {
        when(imports.job(eq(99L), any())).thenThrow(ImportJobNotFound.withId(99));
        mvc.perform(get("/api/imports/99").with(Staff.admin()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.status").value(404));
        when(imports.startCommit(eq(5L), any()))
                .thenThrow(new IllegalStateTransitionException("Import job 5", ImportStatus.COMMITTED, ImportStatus.COMMITTING));
        mvc.perform(post("/api/imports/5/commit").with(Staff.admin()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Illegal state transition"));
    }

    @Test
    void theApiUploadsAndReturnsTheDryRun() throws Exception {
        when(imports.upload(anyString(), any(), anyString(), anyString(), any())).thenReturn(job(8, ImportStatus.VALIDATED));
        mvc.perform(multipart("/api/imports").file(new MockMultipartFile("file", "b.csv", "text/csv", "a\n1\n".getBytes()))
                        .with(Staff.admin()))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/imports/8"))
                .andExpect(jsonPath("$.status").value("VALIDATED"))
                .andExpect(jsonPath("$.rowsToCreate").value(1));
        verify(imports, never()).commit(anyLong(), any(DataScope.class));
    }
}
