import java.lang.reflect.Field;
import java.util.Arrays;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Runs DynamoDB Local bound to one host. DynamoDBLocal.jar has no bind-address flag: its
 * server builds a Jetty connector without a host, which listens on every interface. This
 * launcher builds the server from the usual command line, sets the connector's host before
 * it starts, and fails (rather than listening widely) if the jar's insides have changed.
 *
 * Started by local/dynamodb-local.ts as a single-file source program:
 *   java -cp DynamoDBLocal.jar:DynamoDBLocal_lib/* DynamoDbLocalOnHost.java HOST [jar options]
 */
public class DynamoDbLocalOnHost {
  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args[0].isEmpty()) {
      throw new IllegalArgumentException("usage: DynamoDbLocalOnHost HOST [DynamoDB Local options]");
    }
    String host = args[0];
    DynamoDBProxyServer proxy =
        ServerRunner.createServerFromCommandLineArgs(Arrays.copyOfRange(args, 1, args.length));
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector");
    for (Connector connector : connectors) {
      if (!(connector instanceof ServerConnector)) {
        throw new IllegalStateException("unexpected connector " + connector.getClass().getName());
      }
      ((ServerConnector) connector).setHost(host);
    }
    proxy.start();
    proxy.join();
  }
}
