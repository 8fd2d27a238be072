package dev.upgradecheck.testing.pipeline;

import java.io.PrintStream;
import java.lang.reflect.Method;

/**
 * The broker JVM's main class: formats the KRaft log directory (kafka-storage format) and then runs the broker in
 * the same JVM, which spares a JVM start of its own for the format. Kafka's classes are on the child's classpath
 * only, hence the reflection.
 */
public final class KraftNode {

    private KraftNode() {
    }

    /** {@code KraftNode CLUSTER_ID SERVER_PROPERTIES}. */
    public static void main(String[] args) throws Exception {
        // one argument with '=': a Base64 id may start with '-', which would read as an option of its own
        String clusterId = args[0];
        String config = args[1];
        Method format = Class.forName("kafka.tools.StorageTool")
                .getMethod("execute", String[].class, PrintStream.class);
        int exit = (int) format.invoke(null, new String[] {"format", "--cluster-id=" + clusterId, "--config", config},
                System.out);
        if (exit != 0) {
            System.exit(exit);
        }
        Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) new String[] {config});
    }
}
