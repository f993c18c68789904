package app.knowledgenetwork.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private final TrustedProxies alb = TrustedProxies.of(List.of("10.0.0.0/22", "10.0.4.0/22", "fd00::/8"));

    @Test
    void aPeerOutsideTheTrustedBlocksIsTheClientWhateverItForwards() {
        assertEquals("203.0.113.9", alb.clientAddress("203.0.113.9", List.of("1.2.3.4")));
        assertFalse(alb.speaksForClient("203.0.113.9"));
    }

    @Test
    void behindTheLoadBalancerTheRightmostUntrustedHopIsTheClient() {
        assertEquals("198.51.100.7", alb.clientAddress("10.0.1.5", List.of("6.6.6.6, 198.51.100.7")));
        assertEquals("198.51.100.7", alb.clientAddress("10.0.1.5", List.of("6.6.6.6", "198.51.100.7, 10.0.5.9")));
        assertTrue(alb.speaksForClient("10.0.1.5"));
    }

    @Test
    void withNoForwardedForTheLoadBalancerItselfIsAllWeKnow() {
        assertEquals("10.0.1.5", alb.clientAddress("10.0.1.5", List.of()));
    }

    @Test
    void whenEveryHopIsTrustedTheLeftmostIsTheClient() {
        assertEquals("10.0.2.1", alb.clientAddress("10.0.1.5", List.of("10.0.2.1, 10.0.4.3")));
    }

    @Test
    void garbageInTheChainStopsTheWalkAtTheLastAddressVouchedFor() {
        assertEquals("198.51.100.7", alb.clientAddress("10.0.1.5", List.of("evil.example, 198.51.100.7")));
        assertEquals("10.0.1.5", alb.clientAddress("10.0.1.5", List.of("unknown")));
    }

    @Test
    void portsAndIpv6AndMappedAddressesAreUnderstood() {
        assertEquals("198.51.100.7", alb.clientAddress("10.0.1.5", List.of("198.51.100.7:4711")));
        assertEquals("2001:db8::1", alb.clientAddress("fd00::5", List.of("[2001:db8::1]:443")));
        assertEquals("198.51.100.7", alb.clientAddress("::ffff:10.0.1.5", List.of("198.51.100.7")));
        assertTrue(Cidr.parse("10.0.0.0/22").contains("10.0.3.255"));
        assertFalse(Cidr.parse("10.0.0.0/22").contains("10.0.4.0"));
    }

    @Test
    void aBadBlockIsRefusedAtStartWithItsText() {
        var e = assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("10.0.0.0/40")));
        assertTrue(e.getMessage().contains("10.0.0.0/40"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("alb.internal"));
    }
}
