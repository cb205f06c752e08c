#!/usr/bin/env python3
"""Helper of nl2sql_throughput.sh: starts N conversations with the highway_db model through SERVICE_URL (the
gateway) and writes one /df/rest/gpt/chat body per line to OUT: every dev question, each paired with the
conversations in turn, so consecutive requests go to different conversations.

usage: nl2sql_conversations.py SERVICE_URL TOKEN PG_URL CONVERSATIONS OUT
"""
import json
import sys

import nl2sql_datasets
from nl2sql_accuracy import Client


def main():
    service, token, pg_url, conversations, out = sys.argv[1:6]
    dataset = nl2sql_datasets.highway(pg_url)
    model = dataset.models[dataset.questions[0].db]
    client = Client(service.rstrip("/") + "/df/rest/gpt", token)
    chat_ids = [client.post("/start", {"language": dataset.language, "model": model})["data"]
                for _ in range(int(conversations))]
    questions = [q.question for q in dataset.questions]
    with open(out, "w") as f:
        # line i: question i mod Q in conversation i mod N; twice the longer list, so each question meets
        # several conversations
        for i in range(max(len(questions), len(chat_ids)) * 2):
            f.write(json.dumps({"chatId": chat_ids[i % len(chat_ids)], "input": questions[i % len(questions)]},
                               ensure_ascii=False) + "\n")
    print(f"{len(chat_ids)} conversations, {len(questions)} questions")


if __name__ == "__main__":
    main()
