package com.educonsult.crm.platform.storage;

import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * S3Proxy (an S3-compatible server that checks AWS signatures and expiry) with an in-memory bucket store, started
 * in this JVM from its own class loader. Its parent is the platform class loader, so none of its classes (Jetty 11,
 * its logging) can meet the application's, and none of the application's can reach it. It is known only through
 * reflection for the same reason.
 */
final class S3CompatibleServer implements AutoCloseable {

    static final String ACCESS_KEY = "test-access-key";
    static final String SECRET_KEY = "test-secret-key";

    private final URLClassLoader loader;
    private final AutoCloseable blobStoreContext;
    private final Object server;
    private final URI endpoint;

    private S3CompatibleServer(URLClassLoader loader, AutoCloseable blobStoreContext, Object server, URI endpoint) {
        this.loader = loader;
        this.blobStoreContext = blobStoreContext;
        this.server = server;
        this.endpoint = endpoint;
    }

    static S3CompatibleServer start() throws Exception {
        Path jar = Path.of(System.getProperty("s3proxy.jar", "target/test-servers/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the build copies it before the tests run");
        }
        URLClassLoader loader = new URLClassLoader("s3proxy", new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            quietLogging(loader);
            Properties properties = new Properties();
            properties.setProperty("s3proxy.endpoint", "http://127.0.0.1:0");
            properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            properties.setProperty("s3proxy.identity", ACCESS_KEY);
            properties.setProperty("s3proxy.credential", SECRET_KEY);
            Class<?> builderType = loader.loadClass("org.gaul.s3proxy.S3Proxy$Builder");
            Object builder = builderType.getMethod("fromProperties", Properties.class).invoke(null, properties);
            AutoCloseable context = inMemoryBlobStoreContext(loader);
            builderType.getMethod("blobStore", loader.loadClass("org.jclouds.blobstore.BlobStore"))
                    .invoke(builder, loader.loadClass("org.jclouds.blobstore.BlobStoreContext").getMethod("getBlobStore")
                            .invoke(context));
            Object server = builderType.getMethod("build").invoke(builder);
            server.getClass().getMethod("start").invoke(server);
            for (int i = 0; i < 100 && !"STARTED".equals(server.getClass().getMethod("getState").invoke(server)); i++) {
                Thread.sleep(50);
            }
            int port = (int) server.getClass().getMethod("getPort").invoke(server);
            return new S3CompatibleServer(loader, context, server, URI.create("http://127.0.0.1:" + port));
        } catch (Exception | Error e) {
            loader.close();
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        try (loader; blobStoreContext) {
            server.getClass().getMethod("stop").invoke(server);
        }
    }

    /** jclouds' "transient" provider: buckets and objects in memory. */
    private static AutoCloseable inMemoryBlobStoreContext(ClassLoader loader) throws Exception {
        Class<?> contextBuilder = loader.loadClass("org.jclouds.ContextBuilder");
        Object builder = contextBuilder.getMethod("newBuilder", String.class).invoke(null, "transient");
        builder = contextBuilder.getMethod("credentials", String.class, String.class)
                .invoke(builder, "identity", "credential");
        Class<?> contextType = loader.loadClass("org.jclouds.blobstore.BlobStoreContext");
        return (AutoCloseable) contextBuilder.getMethod("build", Class.class).invoke(builder, contextType);
    }

    /** Its own logback logs every request at INFO; warnings are enough here. */
    private static void quietLogging(ClassLoader loader) throws Exception {
        Object root = loader.loadClass("org.slf4j.LoggerFactory").getMethod("getLogger", String.class)
                .invoke(null, "ROOT");
        Class<?> level = loader.loadClass("ch.qos.logback.classic.Level");
        root.getClass().getMethod("setLevel", level).invoke(root, level.getField("WARN").get(null));
    }
}
