package com.educonsult.crm.integrations.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TargetGuardTest {

    private final TargetGuard strict = new TargetGuard(List.of());
    private final TargetGuard allowingLoopback = new TargetGuard(List.of("127.0.0.0/8", "::1/128"));

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "192.0.2.10", "198.18.0.1",
            "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "fec0::1", "::ffff:127.0.0.1",
            "::ffff:10.1.2.3", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:a00:1::1", "::127.0.0.1",
            "2001:db8::1"})
    void privateLoopbackLinkLocalAndReservedAddressesAreNotPublic(String address) throws Exception {
        assertThat(TargetGuard.isPublic(InetAddress.getByName(address))).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.216.34", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
            "2a00:1450:4001::1", "::ffff:8.8.8.8", "64:ff9b::808:808"})
    void publicAddressesArePublic(String address) throws Exception {
        assertThat(TargetGuard.isPublic(InetAddress.getByName(address))).as(address).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/hooks", "https://[::1]/hooks", "https://169.254.169.254/latest",
            "https://10.0.0.5/hooks", "https://[fd00::5]/hooks", "https://[::ffff:127.0.0.1]/hooks",
            "https://0.0.0.0/hooks", "https://localhost/hooks"})
    void aTargetOnAPrivateLoopbackOrLinkLocalAddressIsRefusedWhenNotAllowed(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(TargetGuard.Refused.class)
                .hasMessageContaining("address");
    }

    @Test
    void anAllowedPrivateNetworkAdmitsItsAddressesOnly() {
        assertThat(allowingLoopback.check("http://127.0.0.1:8080/hooks").addresses()).hasSize(1);
        assertThat(allowingLoopback.check("https://[::1]/hooks").addresses()).hasSize(1);
        assertThatThrownBy(() -> allowingLoopback.check("https://10.0.0.5/hooks"))
                .isInstanceOf(TargetGuard.Refused.class);
        assertThatThrownBy(() -> allowingLoopback.check("https://169.254.169.254/hooks"))
                .isInstanceOf(TargetGuard.Refused.class);
    }

    @Test
    void plainHttpIsRefusedOutsideTheAllowedNetworks() {
        assertThatThrownBy(() -> strict.check("http://8.8.8.8/hooks")).isInstanceOf(TargetGuard.Refused.class)
                .hasMessageContaining("https");
        assertThat(strict.check("https://8.8.8.8/hooks").addresses()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/hooks", "example.com/hooks", "https://user:pw@8.8.8.8/hooks",
            "https:///nohost", "not a url", "https://8.8.8.8/hooks#part", "file:///etc/passwd"})
    void aUrlThatIsNotAnHttpsUrlIsRefused(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(TargetGuard.Refused.class);
    }

    @Test
    void networksAreMatchedByTheirPrefix() throws Exception {
        TargetGuard.Network network = TargetGuard.Network.parse("172.16.0.0/12");
        assertThat(network.contains(InetAddress.getByName("172.20.1.1"))).isTrue();
        assertThat(network.contains(InetAddress.getByName("172.32.0.1"))).isFalse();
        assertThat(network.contains(InetAddress.getByName("::ffff:172.20.1.1"))).isTrue();
        assertThat(TargetGuard.Network.parse("fd00::/8").contains(InetAddress.getByName("fd12::1"))).isTrue();
        assertThat(TargetGuard.Network.parse("::1/128").contains(InetAddress.getByName("127.0.0.1"))).isFalse();
    }
}
