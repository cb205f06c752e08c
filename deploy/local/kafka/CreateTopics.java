import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Creates the suite's topics (file lines "name partitions") on a broker, and raises the partition count of those
 * that have fewer. Run as a single-file program: java -cp 'libs/*' CreateTopics.java BOOTSTRAP topics.txt
 */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        Map<String, Integer> wanted = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+");
            wanted.put(parts[0], Integer.parseInt(parts[1]));
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> create = new ArrayList<>();
            wanted.forEach((name, partitions) -> {
                if (!existing.contains(name)) {
                    create.add(new NewTopic(name, partitions, (short) 1));
                }
            });
            if (!create.isEmpty()) {
                admin.createTopics(create).all().get(30, TimeUnit.SECONDS);
            }
            Map<String, TopicDescription> described = admin.describeTopics(wanted.keySet()).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Map<String, NewPartitions> grow = new java.util.HashMap<>();
            described.forEach((name, d) -> {
                if (d.partitions().size() < wanted.get(name)) {
                    grow.put(name, NewPartitions.increaseTo(wanted.get(name)));
                }
            });
            if (!grow.isEmpty()) {
                admin.createPartitions(grow).all().get(30, TimeUnit.SECONDS);
            }
            System.out.printf("topics: %d wanted, %d created, %d grown%n", wanted.size(), create.size(), grow.size());
        }
    }
}
