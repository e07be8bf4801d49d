package org.opencrm.webhook.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencrm.webhook.FieldViolation;

class TargetUrlValidatorTest {

    /** A resolver with fixed answers, so these tests need no DNS. */
    private static final Map<String, String> HOSTS = Map.of(
            "partner.example", "93.184.216.34",
            "intranet.example", "10.1.2.3",
            "localhost", "127.0.0.1");

    private static final TargetUrlValidator STRICT = new TargetUrlValidator(false, TargetUrlValidatorTest::resolve);
    private static final TargetUrlValidator PERMISSIVE = new TargetUrlValidator(true, TargetUrlValidatorTest::resolve);

    @Test
    void acceptsPublicHttpsAndHttpTargets() {
        assertThat(STRICT.check("https://partner.example/hooks/crm?token=1")).isEmpty();
        assertThat(STRICT.check("http://partner.example:8080/hooks")).isEmpty();
        assertThat(STRICT.check("https://93.184.216.34/hooks")).isEmpty();
        assertThat(STRICT.check("https://[2606:4700:4700::1111]/hooks")).isEmpty();
    }

    /** Each of these embeds an IPv4 address a gateway forwards to; here 10.0.0.1 or 127.0.0.1, or 8.8.8.8. */
    @ParameterizedTest
    @ValueSource(strings = {
            "http://[64:ff9b::a00:1]/hooks",
            "http://[64:ff9b::7f00:1]/hooks",
            "http://[64:ff9b::808:808]/hooks",
            "http://[64:ff9b:1::a00:1]/hooks",
            "http://[2002:a00:1::1]/hooks",
            "http://[2002:808:808::1]/hooks",
            "http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/hooks"})
    void rejectsIpv6AddressesThatReachIpv4ThroughAGateway(String url) {
        assertThat(STRICT.check(url)).map(FieldViolation::rule).contains(TargetUrlValidator.PUBLIC_ADDRESS_RULE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://localhost/hooks",
            "http://127.0.0.1:8080/hooks",
            "http://[::1]/hooks",
            "http://10.0.0.7/hooks",
            "http://172.16.4.2/hooks",
            "http://192.168.1.20/hooks",
            "http://169.254.169.254/latest/meta-data",
            "http://[fe80::1]/hooks",
            "http://[fd12:3456::1]/hooks",
            "http://224.0.0.1/hooks",
            "http://0.0.0.0/hooks",
            "http://100.64.0.1/hooks",
            "http://[::ffff:127.0.0.1]/hooks",
            "http://intranet.example/hooks"})
    void rejectsLoopbackPrivateLinkLocalAndMulticastTargets(String url) {
        assertThat(STRICT.check(url)).map(FieldViolation::rule).contains(TargetUrlValidator.PUBLIC_ADDRESS_RULE);
        assertThat(STRICT.check(url)).map(FieldViolation::field).contains("targetUrl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:9000/hooks", "http://10.0.0.7/hooks", "http://intranet.example/hooks"})
    void acceptsPrivateTargetsWhenConfiguredTo(String url) {
        assertThat(PERMISSIVE.check(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://partner.example/hooks", "/relative/path", "partner.example/hooks", "http://", "http://exa mple.com/",
            "javascript:alert(1)"})
    void rejectsWhatIsNotAnAbsoluteHttpUrl(String url) {
        assertThat(PERMISSIVE.check(url)).map(FieldViolation::rule).contains("absolute-url");
    }

    @Test
    void rejectsMissingAndOverlongUrls() {
        assertThat(STRICT.check(null)).map(FieldViolation::rule).contains("required");
        assertThat(STRICT.check("https://partner.example/" + "a".repeat(TargetUrlValidator.MAX_LENGTH)))
                .map(FieldViolation::rule).contains("max-length");
    }

    @Test
    void rejectsCredentialsInTheUrl() {
        assertThat(PERMISSIVE.check("https://user:pass@partner.example/hooks")).map(FieldViolation::rule).contains("no-credentials");
    }

    @Test
    void reportsHostsThatDoNotResolve() {
        Optional<FieldViolation> violation = STRICT.check("https://nowhere.example/hooks");

        assertThat(violation).map(FieldViolation::rule).contains(TargetUrlValidator.RESOLVABLE_HOST_RULE);
    }

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String address = HOSTS.get(host);
        if (address != null) {
            return new InetAddress[] {InetAddress.getByName(address)};
        }
        if (Character.isDigit(host.charAt(0)) || host.contains(":")) {
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        throw new UnknownHostException(host);
    }
}
