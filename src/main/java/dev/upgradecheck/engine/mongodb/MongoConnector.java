package dev.upgradecheck.engine.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientException;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ReadPreference;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.upgradecheck.ConnectionFailedException;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.value.UserText;
import org.bson.Document;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Opens a bounded, read-only client: server selection and connect within {@code --connect-timeout}, socket reads
 * within {@code --query-timeout} (plus a second, so the server's own {@code maxTimeMS} error arrives first).
 * The first command proves reachability and the login; its failures become exit 3 with one line.
 */
final class MongoConnector {

    private MongoConnector() {
    }

    static MongoSession open(ConnectionSpec spec) {
        DriverLogging.quiet();
        ConnectionString cs = MongoUri.connectable(spec.url());
        long connectMs = Math.max(1, spec.connectTimeout().duration().toMillis());
        Duration query = spec.queryTimeout().duration();
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(cs)
                .applicationName("upgrade-check")
                .readPreference(ReadPreference.primaryPreferred())
                .retryReads(false)
                .applyToClusterSettings(b -> b.serverSelectionTimeout(connectMs, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(b -> b.connectTimeout((int) Math.min(connectMs, Integer.MAX_VALUE), TimeUnit.MILLISECONDS)
                        .readTimeout((int) Math.min(query.toMillis() + 1000, Integer.MAX_VALUE), TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(b -> b.maxWaitTime(connectMs, TimeUnit.MILLISECONDS));
        MongoUser user = credential(spec, cs, settings);
        MongoClient client = MongoClients.create(settings.build());
        try {
            AdminCommands commands = new DriverCommands(client, query);
            Document hello = Hello.run(commands);
            Document buildInfo = commands.run("admin", new Document("buildInfo", 1));
            return new MongoSession(commands, client, hello, buildInfo, MongoUri.isAtlas(cs), user);
        } catch (MongoTimeoutException e) {
            client.close();
            throw new ConnectionFailedException("cannot reach " + String.join(",", cs.getHosts()) + " within "
                    + spec.connectTimeout() + " (server selection): " + reason(e), e);
        } catch (MongoSecurityException e) {
            client.close();
            throw new ConnectionFailedException("login failed" + (user == null ? "" : " for " + user) + ": "
                    + authReason(e), e);
        } catch (MongoSocketException | MongoClientException e) {
            client.close();
            throw new ConnectionFailedException("cannot connect to " + String.join(",", cs.getHosts()) + ": "
                    + UserText.firstLine(e.getMessage()), e);
        } catch (MongoCommandException e) {
            client.close();
            if (e.getErrorCode() == 18 || e.getErrorCode() == 13) {
                throw new ConnectionFailedException("login refused: " + MongoErrors.serverMessage(e), e);
            }
            throw new ConnectionFailedException("the server refused the first command: " + MongoErrors.serverMessage(e), e);
        } catch (MongoException e) {
            client.close();
            throw new ConnectionFailedException("cannot connect to " + String.join(",", cs.getHosts()) + ": "
                    + UserText.firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** --user and the password override the URL's; the authentication database stays the URL's (default admin). */
    private static MongoUser credential(ConnectionSpec spec, ConnectionString cs, MongoClientSettings.Builder settings) {
        MongoCredential fromUrl = cs.getCredential();
        String source = fromUrl != null && fromUrl.getSource() != null ? fromUrl.getSource()
                : cs.getDatabase() != null ? cs.getDatabase() : "admin";
        if (spec.user() == null && !spec.password().isPresent()) {
            return fromUrl == null || fromUrl.getUserName() == null ? null : new MongoUser(fromUrl.getUserName(), source);
        }
        String name = spec.user() != null ? spec.user() : fromUrl == null ? null : fromUrl.getUserName();
        if (name == null) {
            return null; // a password without a user: nothing to log in as, the server decides
        }
        char[] password = spec.password().isPresent() ? spec.password().reveal().toCharArray()
                : fromUrl != null && fromUrl.getPassword() != null ? fromUrl.getPassword() : new char[0];
        MongoCredential credential = fromUrl != null && fromUrl.getMechanism() != null
                && fromUrl.getMechanism().equals(MongoCredential.PLAIN_MECHANISM)
                ? MongoCredential.createPlainCredential(name, source, password)
                : MongoCredential.createCredential(name, source, password);
        settings.credential(credential);
        return new MongoUser(name, source);
    }

    private static String reason(MongoTimeoutException e) {
        String m = UserText.firstLine(e.getMessage());
        int at = m.indexOf("Client view of cluster state is");
        return at > 0 ? m.substring(0, at).trim() : m;
    }

    /** The server's code 18 (AuthenticationFailed) rides inside the driver's security exception. */
    private static String authReason(MongoSecurityException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof MongoCommandException cmd) {
                return MongoErrors.serverMessage(cmd);
            }
        }
        return UserText.firstLine(e.getMessage());
    }
}
