package io.dataknobs.api;

/** The backend lacks a capability the operation requires natively (for example strict transactions). */
public class UnsupportedCapabilityException extends DataknobsException {
  private static final long serialVersionUID = 1L;
  private final Capability capability;

  /**
   * @param capability the missing capability
   * @param message what was asked and what to use instead
   */
  public UnsupportedCapabilityException(Capability capability, String message) {
    super(message);
    this.capability = capability;
  }

  /** @return the missing capability */
  public Capability capability() {
    return capability;
  }
}
