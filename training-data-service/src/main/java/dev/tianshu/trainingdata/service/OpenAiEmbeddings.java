package dev.tianshu.trainingdata.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * The OpenAI-compatible embedding model of quarkus-langchain4j-openai (base URL, key and model from
 * {@code quarkus.langchain4j.openai.*}), looked up only when the provider is {@code openai}.
 */
@ApplicationScoped
public class OpenAiEmbeddings {

    private final Instance<EmbeddingModel> models;
    private final String modelName;

    OpenAiEmbeddings(Instance<EmbeddingModel> models,
            @ConfigProperty(name = "quarkus.langchain4j.openai.embedding-model.model-name") String modelName) {
        this.models = models;
        this.modelName = modelName;
    }

    EmbeddingModel model() {
        return models.get();
    }

    String modelName() {
        return "openai:" + modelName;
    }
}
