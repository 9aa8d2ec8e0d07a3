/// Reads and writes the HCL that `variables.tf` and `.tfvars` files contain.
public enum BerthHCL {}
