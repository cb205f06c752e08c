package dev.tianshu.nl2sql.client;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * training-data-service's semantic search ({@code quarkus.rest-client.training-data.*}): the stored items nearest to
 * a question, in the V0 envelope {@code {code, success, message, data: {results: [...]}}}. The body is returned as
 * JSON and read leniently by {@link dev.tianshu.nl2sql.service.ExampleSearch}.
 */
@RegisterRestClient(configKey = "training-data")
@Path("/api/v0/training_data")
public interface TrainingDataClient {

    /** {@code {"question": …, "types": ["sql"], "top_k": 3, "min_score": …}}; min_score left out when null. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SearchRequest(String question, List<String> types, @JsonProperty("top_k") int topK,
            @JsonProperty("min_score") Double minScore) {
    }

    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<JsonNode> search(SearchRequest request);
}
