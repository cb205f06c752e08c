package dev.tianshu.trainingdata.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * The OpenAI-compatible embedding model of quarkus-langchain4j-openai (base URL, key and model from
 * {@code quarkus.langchain4j.openai.*}), used only when the provider is {@code openai}. Injecting it is what makes
 * quarkus-langchain4j create the bean; creating it contacts nobody.
 */
@ApplicationScoped
public class OpenAiEmbeddings {

    private final EmbeddingModel model;
    private final String modelName;

    OpenAiEmbeddings(EmbeddingModel model,
            @ConfigProperty(name = "quarkus.langchain4j.openai.embedding-model.model-name") String modelName) {
        this.model = model;
        this.modelName = modelName;
    }

    EmbeddingModel model() {
        return model;
    }

    String modelName() {
        return "openai:" + modelName;
    }
}
