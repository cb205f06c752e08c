package dev.tianshu.trainingdata.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.tianshu.trainingdata.service.SearchIndex;

/** Ready only once the search index is loaded, so no replica answers /search from a half-loaded index. */
@Readiness
@ApplicationScoped
public class SearchIndexHealthCheck implements HealthCheck {

    private final SearchIndex index;

    SearchIndexHealthCheck(SearchIndex index) {
        this.index = index;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Training data search index").status(index.ready());
        index.sizes().forEach((type, size) -> response.withData(type.apiName(), size));
        return response.build();
    }
}
