package dev.tianshu.nl2sql.service;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.nl2sql.engine.Lexicon;
import dev.tianshu.nl2sql.model.SemanticModel;
import dev.tianshu.nl2sql.repository.ConversationRepository.Conversation;

/**
 * A conversation's model and lexicon, kept for the most recent conversations of this replica (a conversation's model
 * never changes; another replica builds its own from the stored model). Conversations started with an equal model
 * share one compiled model: a lexicon is built once per distinct model, at /start on the replica that started it.
 */
@ApplicationScoped
public class ModelCache {

    /** The model a conversation was started with, and the terms it can be asked about by. */
    public record Compiled(SemanticModel model, Lexicon lexicon) {
    }

    static final int CAPACITY = 2_000;

    private final ObjectMapper mapper;
    private final Map<String, Compiled> recent = lru();
    /** The same compiled models by their model (records compare by value). */
    private final Map<SemanticModel, Compiled> byModel = lru();

    ModelCache(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The conversation's model and lexicon if this replica has them, else null. */
    public Compiled get(String chatId) {
        synchronized (recent) {
            return recent.get(chatId);
        }
    }

    /** Builds (and keeps) a conversation's model and lexicon from the model it was read with. */
    public Compiled of(Conversation conversation) {
        Compiled found = get(conversation.chatId());
        if (found != null) {
            return found;
        }
        return remember(conversation.chatId(), mapper.convertValue(conversation.model().getMap(),
                SemanticModel.class));
    }

    /** Compiles (or finds compiled) the model a conversation was started with, and keeps it for that conversation. */
    public Compiled remember(String chatId, SemanticModel model) {
        Compiled compiled;
        synchronized (byModel) {
            compiled = byModel.get(model);
        }
        if (compiled == null) {
            compiled = new Compiled(model, new Lexicon(model));
            synchronized (byModel) {
                byModel.put(model, compiled);
            }
        }
        synchronized (recent) {
            recent.put(chatId, compiled);
        }
        return compiled;
    }

    private static <K> Map<K, Compiled> lru() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Compiled> eldest) {
                return size() > CAPACITY;
            }
        };
    }
}
