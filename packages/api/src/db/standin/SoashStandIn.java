import java.util.List;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * Starts mongo-java-server on 127.0.0.1 for Soash's database harness.
 *
 *   java -cp classes:lib/* SoashStandIn [--port N] [--file path/to/store.mv]
 *
 * Without --file the data lives in memory; with it, in an H2 MVStore file. Prints
 * "READY <port>" once listening and stops when its standard input closes, so it never
 * outlives the Node process that started it.
 */
public final class SoashStandIn {
  /**
   * mongo-java-server implements the OP_MSG protocol of MongoDB 4.x; its built-in version table
   * reports wire version 8 (4.2), which current Node drivers refuse. Report 4.4 (wire 9): the
   * lowest those drivers accept. Features the server lacks stay listed in docs/database.md.
   */
  private static final MongoVersion REPORTED_VERSION = new MongoVersion() {
    @Override public List<Integer> getVersionArray() { return List.of(4, 4, 0); }
    @Override public int getWireVersion() { return 9; }
  };

  public static void main(String[] args) throws Exception {
    int port = 0;
    String file = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--file" -> file = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    AbstractMongoBackend backend = file == null ? new MemoryBackend() : new H2Backend(file);
    backend.version(REPORTED_VERSION);
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", port);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, backend)));
    System.out.println("READY " + server.getLocalAddress().getPort());
    System.out.flush();
    while (System.in.read() != -1) {
      // wait for the parent to close our stdin
    }
    System.exit(0);
  }

  private static synchronized void stop(MongoServer server, AbstractMongoBackend backend) {
    server.shutdownNow();
    backend.close();
  }
}
