package org.integrationnorden.engine;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node with an HTTP port, for tests and benchmarks.
 *
 * <p>Usage: {@code EngineNode key=value ...}, each argument one node setting
 * (for example {@code path.home=/tmp/x http.port=9250}). The node runs until
 * the process is stopped; SIGTERM closes it cleanly. When it is started it
 * prints one line, {@code engine-node started <http address>}, on stdout.
 *
 * <p>The distribution's launcher is not used: the plugins the product needs
 * (HTTP over Netty, the common analysis filters: snowball, stemmer,
 * asciifolding, edge n-grams) are loaded from the classpath.
 */
public final class EngineNode {
    private static final List<Class<? extends Plugin>> PLUGINS =
            List.of(Netty4Plugin.class, CommonAnalysisPlugin.class);

    private EngineNode() {}

    /** Node is built with classpath plugins through its protected constructor. */
    private static final class ClasspathNode extends Node {
        ClasspathNode(Environment environment) {
            super(environment, PLUGINS, true);
        }
    }

    public static void main(String[] args) throws Exception {
        Settings.Builder builder = Settings.builder();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals <= 0) {
                System.err.println("engine-node: expected key=value, got " + arg);
                System.exit(2);
            }
            builder.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        Settings settings = builder.build();
        if (!settings.hasValue("path.home")) {
            System.err.println("engine-node: path.home=<folder> is required");
            System.exit(2);
        }
        LogConfigurator.registerErrorListener();
        LogConfigurator.configureWithoutConfig(settings);

        Environment environment = InternalSettingsPreparer.prepareEnvironment(
                settings,
                Collections.emptyMap(),
                Path.of(settings.get("path.home")).resolve("config"),
                () -> settings.get("node.name", "engine-node"));
        Node node = new ClasspathNode(environment);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("engine-node: close failed: " + e);
            } finally {
                closed.countDown();
            }
        }, "engine-node-shutdown"));
        node.start();
        String address = node.injector()
                .getInstance(org.opensearch.http.HttpServerTransport.class)
                .boundAddress()
                .publishAddress()
                .toString();
        System.out.println("engine-node started " + address);
        System.out.flush();
        closed.await();
    }
}
