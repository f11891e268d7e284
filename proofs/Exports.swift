import VCGen
