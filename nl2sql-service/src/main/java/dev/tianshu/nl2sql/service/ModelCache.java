package dev.tianshu.nl2sql.service;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.nl2sql.engine.Lexicon;
import dev.tianshu.nl2sql.model.SemanticModel;
import dev.tianshu.nl2sql.repository.ConversationRepository.Conversation;

/**
 * A conversation's model and lexicon, built once per chat id and kept for the most recent conversations of this
 * replica (a conversation's model never changes; another replica builds its own).
 */
@ApplicationScoped
public class ModelCache {

    /** The model a conversation was started with, and the terms it can be asked about by. */
    public record Compiled(SemanticModel model, Lexicon lexicon) {
    }

    static final int CAPACITY = 2_000;

    private final ObjectMapper mapper;
    private final Map<String, Compiled> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
            return size() > CAPACITY;
        }
    };

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
        SemanticModel model = mapper.convertValue(conversation.model().getMap(), SemanticModel.class);
        Compiled compiled = new Compiled(model, new Lexicon(model));
        synchronized (recent) {
            recent.put(conversation.chatId(), compiled);
        }
        return compiled;
    }
}
