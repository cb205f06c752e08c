package dev.tianshu.nl2sql.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.nl2sql.engine.Example;

/** Reading training-data-service's search answer: sql pairs only, best first, at most three; bad answers refused. */
class ExampleSearchTest {

    static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void sqlPairsBestFirstAtMostThree() throws Exception {
        JsonNode body = json("""
                {"code":200,"success":true,"message":"操作成功","data":{"question":"q","top_k":3,
                 "thresholds":{"sql":0.5},"total":6,"results":[
                  {"id":"1-sql","training_data_type":"sql","question":"a","content":"SELECT 1","score":0.7},
                  {"id":"2-ddl","training_data_type":"ddl","question":null,"content":"CREATE TABLE t (a int)","score":0.99},
                  {"id":"3-sql","training_data_type":"sql","question":"b","content":"SELECT 2","score":0.9},
                  {"id":"4-sql","training_data_type":"sql","question":"","content":"SELECT 3","score":0.95},
                  {"id":"5-sql","training_data_type":"sql","question":"c","content":"SELECT 4","score":0.6},
                  {"id":"6-sql","training_data_type":"sql","question":"d","content":"SELECT 5","score":0.5}],
                 "response":"检索成功"}}""");
        assertEquals(List.of(new Example("b", "SELECT 2", 0.9), new Example("a", "SELECT 1", 0.7),
                new Example("c", "SELECT 4", 0.6)), ExampleSearch.examples(body));
        assertEquals(List.of(), ExampleSearch.examples(json("{\"code\":200,\"success\":true,\"data\":{\"results\":[]}}")));
    }

    @Test
    void anAnswerThatIsNotTheEnvelopeIsRefused() throws Exception {
        for (String body : new String[] {"{\"code\":500,\"success\":false,\"message\":\"x\"}", "{\"data\":{}}",
                "{\"data\":{\"results\":{}}}", "\"text\"", "[]"}) {
            JsonNode node = json(body);
            assertThrows(IllegalArgumentException.class, () -> ExampleSearch.examples(node), body);
        }
    }
}
