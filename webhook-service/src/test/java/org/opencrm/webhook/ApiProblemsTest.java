package org.opencrm.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

class ApiProblemsTest {

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController())
            .setControllerAdvice(new ApiProblems())
            .build();

    @Test
    void answersAnUnexpectedFailureWithAnInternalErrorProblemThatHidesItsCause() throws Exception {
        String body = mvc.perform(get("/failing/database"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://opencrm.dev/problems/internal-error"))
                .andExpect(jsonPath("$.title").value("Internal error"))
                .andExpect(jsonPath("$.status").value(500))
                .andReturn().getResponse().getContentAsString();

        assertThat(body).doesNotContain("db01", "5432", "DataAccess", "at org.");
    }

    @Test
    void leavesAuthenticationFailuresToTheSecurityFilters() {
        assertThatThrownBy(() -> mvc.perform(get("/failing/unauthenticated")))
                .hasRootCauseInstanceOf(AuthenticationException.class);
    }

    @Test
    void typesSpringsOwnProblemsAfterTheirStatus() throws Exception {
        mvc.perform(get("/failing/nope"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://opencrm.dev/problems/not-found"));
        mvc.perform(post("/failing/database"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.type").value("https://opencrm.dev/problems/method-not-allowed"));
        mvc.perform(post("/failing/json").contentType(MediaType.TEXT_PLAIN).content("hello"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.type").value("https://opencrm.dev/problems/unsupported-media-type"));
    }

    @RestController
    static class FailingController {

        @GetMapping("/failing/database")
        Map<String, String> database() {
            throw new DataAccessResourceFailureException("Connection to db01.internal:5432 refused");
        }

        @GetMapping("/failing/unauthenticated")
        Map<String, String> unauthenticated() {
            throw new AuthenticationCredentialsNotFoundException("The request carries no platform token");
        }

        @PostMapping("/failing/json")
        Map<String, String> json(@RequestBody Map<String, String> body) {
            return body;
        }
    }
}
