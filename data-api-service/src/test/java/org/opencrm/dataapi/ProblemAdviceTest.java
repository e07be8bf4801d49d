package org.opencrm.dataapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemAdviceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController())
            .setControllerAdvice(new ProblemAdvice())
            .build();

    @Test
    void givesSpringsOwnRefusalsTypesOfOurs() throws Exception {
        assertProblem(mvc.perform(get("/nothing-here")).andReturn(), 404, "https://opencrm.dev/problems/not-found");
        assertProblem(mvc.perform(delete("/things")).andReturn(), 405,
                "https://opencrm.dev/problems/method-not-allowed");
        assertProblem(mvc.perform(post("/things").contentType(MediaType.TEXT_PLAIN).content("hello")).andReturn(),
                415, "https://opencrm.dev/problems/unsupported-media-type");
    }

    @Test
    void answersUnexpectedFailuresWith500WithoutTheirInternals() throws Exception {
        for (String path : new String[] {"/unchecked", "/checked"}) {
            MvcResult result = mvc.perform(get(path)).andReturn();

            JsonNode problem = assertProblem(result, 500, "https://opencrm.dev/problems/internal-error");
            assertThat(result.getResponse().getContentAsString()).doesNotContain("SELECT", "secret", "Exception");
            assertThat(problem.path("detail").asString()).isEqualTo("The request failed on the server; it has been logged");
        }
    }

    private static JsonNode assertProblem(MvcResult result, int status, String type) throws Exception {
        assertThat(result.getResponse().getStatus()).isEqualTo(status);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(result.getResponse().getContentAsString());
        assertThat(problem.path("type").asString()).as(result.getResponse().getContentAsString()).isEqualTo(type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        return problem;
    }

    @RestController
    static class FailingController {

        @PostMapping(path = "/things", consumes = MediaType.APPLICATION_JSON_VALUE)
        String create(@RequestBody String body) {
            return body;
        }

        @GetMapping("/unchecked")
        String unchecked() {
            throw new IllegalStateException("SELECT secret FROM core.\"apiKey\"");
        }

        @GetMapping("/checked")
        String checked() throws IOException {
            throw new IOException("secret file /etc/opencrm/keys not readable");
        }
    }
}
