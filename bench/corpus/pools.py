"""Pools of plausible names, places and phrases the documents are drawn from."""

SURNAMES = ["AHMADI", "HAIDARI", "MOHAMMADI", "TESFAYE", "GEBREMEDHIN", "KIDANE", "YOUSSEF", "HASSAN", "AL-HUSSEIN",
            "KOVALENKO", "SHEVCHENKO", "BONDARENKO", "DIALLO", "BARRY", "TRAORE", "KHAN", "STANEKZAI", "NOORI", "RAHIMI",
            "ABDELRAHMAN", "OSMAN", "IBRAHIM", "BERHANE", "ALEMU", "MELNYK", "PETROVA", "KAKAR", "SULTANI", "FAROOQI", "MENGISTU"]
GIVEN = ["Mohammad Ali", "Fatima", "Ahmad", "Zahra", "Abdul", "Mariam", "Yonas", "Selam", "Oleksandr", "Olena", "Mamadou",
         "Aissatou", "Hamid", "Nadia", "Samir", "Amina", "Tewodros", "Hiwot", "Iryna", "Dmytro", "Khalid", "Leila", "Habib", "Sara"]
NATIONALITIES = [("AFG", "afghane"), ("ERI", "érythréenne"), ("SYR", "syrienne"), ("UKR", "ukrainienne"), ("SDN", "soudanaise"),
                 ("GIN", "guinéenne"), ("ETH", "éthiopienne"), ("PAK", "pakistanaise"), ("SOM", "somalienne"), ("TCD", "tchadienne")]
BIRTH_PLACES = ["Kaboul", "Hérat", "Asmara", "Alep", "Damas", "Kharkiv", "Odessa", "Khartoum", "Conakry", "Addis-Abeba",
                "Mogadiscio", "Peshawar", "Mazar-e-Charif", "Keren", "Homs"]
CITIES = [("75019", "Paris"), ("69007", "Lyon"), ("13003", "Marseille"), ("31000", "Toulouse"), ("44000", "Nantes"),
          ("67000", "Strasbourg"), ("33000", "Bordeaux"), ("59000", "Lille"), ("35000", "Rennes"), ("38000", "Grenoble"),
          ("93200", "Saint-Denis"), ("94000", "Créteil"), ("21000", "Dijon"), ("63000", "Clermont-Ferrand")]
STREETS = ["rue de la République", "avenue Jean Jaurès", "boulevard Voltaire", "rue des Lilas", "rue Victor Hugo",
           "allée des Tilleuls", "rue du Moulin", "place de la Mairie", "rue Pasteur", "chemin des Vignes"]
PREFECTURES = ["Préfecture de police de Paris", "Préfecture du Rhône", "Préfecture des Bouches-du-Rhône",
               "Préfecture de la Haute-Garonne", "Préfecture de Loire-Atlantique", "Préfecture du Bas-Rhin",
               "Préfecture de la Gironde", "Préfecture du Nord", "Préfecture de Seine-Saint-Denis"]
EMPLOYER_NAMES = ["Boulangerie du Marché", "Restaurant Le Soleil", "Propreté Services", "Logistique Express", "BTP Rénovation",
                  "Atelier Couture Lumière", "Aide et Domicile 69", "Transports Martin", "Maraîchers du Val", "Hôtel des Arts",
                  "Sécurité Plus", "Garage Central", "Nettoyage Pro", "Bâtiments Durand", "Entrepôts du Sud", "Café de la Gare"]
LEGAL_FORMS = ["SARL", "SAS", "SASU", "EURL", "SA"]
JOBS = ["Agent de propreté", "Employé polyvalent", "Préparateur de commandes", "Aide à domicile", "Commis de cuisine",
        "Manœuvre", "Ouvrier polyvalent", "Agent de service", "Employée de libre-service", "Plongeur"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
STORES = ["CARREFOUR MARKET", "LIDL", "FRANPRIX", "MONOPRIX", "ALDI", "INTERMARCHE", "PHARMACIE DU CENTRE", "TABAC PRESSE"]
GROCERIES = ["PAIN COMPLET", "LAIT 1L", "RIZ BASMATI 1KG", "TOMATES", "HUILE TOURNESOL", "OEUFS X12", "POULET", "PATES",
             "LENTILLES", "THE VERT", "SUCRE 1KG", "POMMES", "OIGNONS", "YAOURTS", "EAU 6X1.5L", "SAVON"]

CV_LANGUAGES = {
    "arabic": ("Arabe", "Arabic"), "dari": ("Dari", "Dari"), "pashto": ("Pachto", "Pashto"), "persian": ("Persan", "Persian"),
    "tigrinya": ("Tigrinya", "Tigrinya"), "amharic": ("Amharique", "Amharic"), "russian": ("Russe", "Russian"),
    "ukrainian": ("Ukrainien", "Ukrainian"), "french": ("Français", "French"), "english": ("Anglais", "English"),
    "spanish": ("Espagnol", "Spanish"), "urdu": ("Ourdou", "Urdu"), "somali": ("Somali", "Somali"), "turkish": ("Turc", "Turkish"),
}
LEVELS = [("langue maternelle", "native"), ("courant", "fluent"), ("B1", "B1"), ("A2", "A2"), ("intermédiaire", "intermediate"),
          ("notions", "basic")]
CV_SKILLS = {
    "forklift": ("CACES 3 – cariste", "Forklift licence (CACES 3)", "Cariste"),
    "driving_licence": ("Permis B", "Driving licence (B)", None),
    "cooking": ("Cuisine traditionnelle", "Cooking", "Commis de cuisine"),
    "cleaning": ("Nettoyage industriel", "Cleaning", "Agent d'entretien"),
    "construction": ("Maçonnerie", "Masonry", "Maçon"),
    "plumbing": ("Plomberie", "Plumbing", "Plombier"),
    "electrical": ("Électricité générale", "Electrical wiring", "Électricien"),
    "welding": ("Soudure à l'arc", "Welding", "Soudeur"),
    "logistics": ("Préparation de commandes", "Warehouse logistics", "Magasinier"),
    "sales": ("Vente en magasin", "Retail sales", "Vendeur"),
    "care": ("Aide à domicile", "Elderly care", "Auxiliaire de vie"),
    "sewing": ("Couture et retouches", "Sewing and tailoring", "Couturière"),
    "hairdressing": ("Coiffure", "Hairdressing", "Coiffeur"),
    "baking": ("Boulangerie", "Baking", "Boulanger"),
    "accounting": ("Comptabilité", "Bookkeeping", "Comptable"),
    "office_software": ("Bureautique (Excel, Word)", "Microsoft Office (Excel, Word)", None),
    "programming": ("Programmation Python", "Python programming", None),
    "translation": ("Traduction et interprétariat", "Translation and interpreting", "Interprète"),
    "mechanics": ("Mécanique automobile", "Car mechanics", "Mécanicien"),
    "waiting_tables": ("Service en salle", "Waiting tables", "Serveur"),
}
NEUTRAL_EMPLOYERS = ["Société Horizon", "Groupe Atlas", "Entreprise Nour", "Établissements Karimi", "Coopérative Abay",
                     "Association Solidarité", "Kabul Trading Co.", "Asmara Works"]
